/**
 * Injected into the page before its scripts: an Excel.run stand-in that records every property
 * set and method called on the workbook objects, so the test can read what would be written.
 * The selection's `address` (after `load`) is `window.__excelSelection`, which the test sets to
 * "select" a cell (`Sheet1!A1` at first). Self-contained (it is serialized into the page).
 */
export function installExcelStandIn(): void {
  type Call = { op: 'set' | 'call'; path: string; value?: unknown; args?: unknown[] };
  const calls: Call[] = [];
  const PATH = '__path';
  const plain = (v: unknown): unknown => (typeof v === 'function' ? (v as unknown as Record<string, unknown>)[PATH] : v);
  const page = window as unknown as Record<string, unknown>;
  page.__excelSelection = 'Sheet1!A1';
  const SELECTION = 'context.workbook.getSelectedRange()';
  const recorder = (path: string): unknown =>
    new Proxy(function () {}, {
      get: (_target, prop) =>
        prop === PATH
          ? path
          : prop === 'then'
            ? undefined
            : path === SELECTION && prop === 'address'
              ? page.__excelSelection
              : recorder(`${path}.${String(prop)}`),
      set: (_target, prop, value) => {
        calls.push({ op: 'set', path: `${path}.${String(prop)}`, value: plain(value) });
        return true;
      },
      apply: (_target, _this, args: unknown[]) => {
        calls.push({ op: 'call', path, args: args.map(plain) });
        return recorder(`${path}()`);
      },
    });
  page.__excelCalls = calls;
  page.Excel = {
    run: async (batch: (context: unknown) => Promise<unknown>) => batch(recorder('context')),
  };
}
