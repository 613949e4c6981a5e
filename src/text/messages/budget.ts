import type { MessageArea } from './catalogue.js';

/** What the tool says when an input goes over a budget or is not a regular file. */
export const BUDGET_MESSAGES = {
  'budget.cells': { zh: '超过单元格上限：每个文件至多 {limit} 个单元格（含每行中的空单元格）', en: 'over the cell budget: at most {limit} cells per file (empty cells within a row included)' },
  'budget.rows': { zh: '超过行数上限：每个工作表至多 {limit} 行', en: 'over the row budget: at most {limit} rows per sheet' },
  'budget.shared-strings': { zh: '超过共享字符串上限：至多 {limit} 个', en: 'over the shared-string budget: at most {limit} shared strings' },
  'budget.keys': { zh: '超过键数上限：至多 {limit} 个键和列表项（YAML 别名按展开次数计）', en: 'over the key budget: at most {limit} keys and list items (YAML aliases counted each time they expand)' },
  'budget.depth': { zh: '超过嵌套上限：至多 {limit} 层', en: 'over the nesting budget: at most {limit} levels' },
  'budget.regions': { zh: '超过地区数上限：每个文件至多 {limit} 个地区（市及其县）', en: 'over the region budget: at most {limit} regions (the city and its counties) per file' },
  'budget.inflated': { zh: '超过解压大小上限：工作簿解压后至多 {limit} 字节', en: 'over the unpacked-size budget: a workbook inflates to at most {limit} bytes' },
  'budget.ratio': { zh: '超过压缩比上限：条目解压后至多为压缩大小的 {limit} 倍', en: 'over the compression-ratio budget: an entry inflates to at most {limit} times its compressed size' },
  'budget.zip-entries': { zh: '超过压缩包条目上限：至多 {limit} 个', en: 'over the zip-entry budget: at most {limit} entries' },
  'budget.workbook-memory': { zh: '超过内存上限：解析该工作簿需要超过 {limit} MB 内存', en: 'over the memory budget: unpacking the workbook needs more than {limit} MB' },
  'budget.workbook-failed': { zh: '解析工作簿的进程意外退出（{detail}）', en: 'the process unpacking the workbook stopped ({detail})' },
  'budget.more-problems': { zh: '……另有 {count} 个问题未列出', en: '… and {count} more problems' },
  'budget.not-regular': { zh: '不是普通文件（{kind}），未读取', en: 'not a regular file ({kind}); not read' },
  'budget.kind-device': { zh: '设备', en: 'a device' },
  'budget.kind-fifo': { zh: '命名管道', en: 'a FIFO' },
  'budget.kind-socket': { zh: '套接字', en: 'a socket' },
  'budget.kind-folder': { zh: '文件夹', en: 'a folder' },
  'budget.kind-other': { zh: '特殊文件', en: 'a special file' },
  'budget.link-outside': { zh: '是指向规则文件夹之外的符号链接，未读取', en: 'a symbolic link leaving the rules folder; not read' },
  'budget.forbidden-key': { zh: '不允许使用键“{key}”（位于 {path}）', en: 'the key "{key}" is not allowed (at {path})' },
  'budget.at': { zh: '第 {line} 行第 {column} 列', en: 'line {line}, column {column}' },
  'budget.not-json': { zh: '不是有效的 JSON（第 {line} 行第 {column} 列）', en: 'not valid JSON (line {line}, column {column})' },
  'budget.rule-too-deep': { zh: '嵌套超过 {limit} 层，未检查', en: 'nested deeper than {limit} levels; not checked' },
  'budget.rule-too-large': { zh: '大于 {limit} 字节', en: 'larger than {limit} bytes' },
} as const satisfies MessageArea;
