/** The CJK fonts the page's styles name, in their order. */
const CJK_FONTS = ['Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei'];

/**
 * The first of the page's CJK fonts installed on this machine, or undefined: without one, Chinese is drawn as
 * empty boxes. `document.fonts.check` answers true for any font it does not know, so each is loaded from the
 * system by `local()`, which reads no file over the network.
 */
export async function installedCjkFont(): Promise<string | undefined> {
  for (const name of CJK_FONTS) {
    try {
      await new FontFace(`probe ${name}`, `local("${name}")`).load();
      return name;
    } catch {
      // not installed: try the next
    }
  }
  return undefined;
}
