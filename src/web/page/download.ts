/** Hands a file produced in the page to the browser's downloads: nothing is sent anywhere. */
export function download(name: string, content: string | Uint8Array, type: string): void {
  const blob = new Blob([typeof content === 'string' ? content : content.slice()], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
