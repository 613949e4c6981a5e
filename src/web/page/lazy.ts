const pending = new Map<string, Promise<void>>();

/**
 * Loads one of the page's own classic scripts beside index.html, once: the heavy libraries (ExcelJS, the
 * charts) arrive only when a workbook or the report needs them.
 */
export function loadScript(file: string): Promise<void> {
  let loading = pending.get(file);
  if (!loading) {
    loading = new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = file;
      script.onload = () => resolve();
      script.onerror = () => reject(new Error(`${file} could not be loaded`));
      document.head.append(script);
    });
    pending.set(file, loading);
  }
  return loading;
}

export const loadExcel = () => loadScript('exceljs.js');
export const loadCharts = () => loadScript('charts.js');
