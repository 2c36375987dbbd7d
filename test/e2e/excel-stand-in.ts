/**
 * Injected into the page before its scripts: an Excel.run stand-in that records every property
 * set and method called on the workbook objects, so the test can read what would be written.
 * Self-contained (it is serialized into the page).
 */
export function installExcelStandIn(): void {
  type Call = { op: 'set' | 'call'; path: string; value?: unknown; args?: unknown[] };
  const calls: Call[] = [];
  const PATH = '__path';
  const plain = (v: unknown): unknown => (typeof v === 'function' ? (v as unknown as Record<string, unknown>)[PATH] : v);
  const recorder = (path: string): unknown =>
    new Proxy(function () {}, {
      get: (_target, prop) => (prop === PATH ? path : prop === 'then' ? undefined : recorder(`${path}.${String(prop)}`)),
      set: (_target, prop, value) => {
        calls.push({ op: 'set', path: `${path}.${String(prop)}`, value: plain(value) });
        return true;
      },
      apply: (_target, _this, args: unknown[]) => {
        calls.push({ op: 'call', path, args: args.map(plain) });
        return recorder(`${path}()`);
      },
    });
  (window as unknown as Record<string, unknown>).__excelCalls = calls;
  (window as unknown as Record<string, unknown>).Excel = {
    run: async (batch: (context: unknown) => Promise<unknown>) => batch(recorder('context')),
  };
}
