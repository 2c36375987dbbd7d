/**
 * The one thing the function tests stand in for: the running Excel's requirement sets
 * (`Office.context.requirements`), which decide whether cells carry number formats.
 * `undefined` removes the host, as outside Excel.
 */
export function hostSupporting(version: string | undefined): void {
  const scope = globalThis as { Office?: unknown };
  if (version === undefined) delete scope.Office;
  else
    scope.Office = {
      context: { requirements: { isSetSupported: (set: string, v: string) => set === 'ExcelApi' && Number(v) <= Number(version) } },
    };
}
