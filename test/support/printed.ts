/** Everything this process prints from now on (stdout, stderr, console), kept in `printed` and not shown. */
export function capturePrinted(printed: string[]): void {
  for (const stream of [process.stdout, process.stderr]) {
    jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
  }
  for (const method of ['log', 'warn', 'error', 'info'] as const)
    jest.spyOn(console, method).mockImplementation((...args) => void printed.push(args.join(' ')));
}
