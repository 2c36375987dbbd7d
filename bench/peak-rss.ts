import { readFileSync } from 'node:fs';

/**
 * This process's peak RSS in MB. On Linux, VmHWM from /proc/self/status: the high-water mark of
 * this program's own memory. Not `process.resourceUsage().maxRSS`: Linux carries ru_maxrss over
 * fork and exec, so a child spawned by a large parent (the bench, after making the generated
 * files) reports at least the parent's RSS at the fork. Elsewhere, maxRSS is all there is.
 */
export function peakRssMb(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}
