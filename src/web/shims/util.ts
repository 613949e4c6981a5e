// eslint-disable-next-line no-control-regex
const VT = /[\u001B\u009B][[\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\d/#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d/#&.:=?%@~_]*)*)?(?:\u0007|\u001B\u005C|\u009C))|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-ntqry=><~]))/g;

/** Node's `util.stripVTControlCharacters`: the same pattern Node uses. */
export function stripVTControlCharacters(text: string): string {
  return text.replace(VT, '');
}
