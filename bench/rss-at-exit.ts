/**
 * Preloaded into a process whose whole run is measured (`node -r build/bench/rss-at-exit.js
 * build/cli.js import FILE`): at exit, writes the process's peak RSS in MB (bench/peak-rss.ts) to
 * the file named by $BENCH_MAXRSS_FILE. Costs well under a millisecond; the process is otherwise
 * unchanged.
 */
import { writeFileSync } from 'node:fs';
import { peakRssMb } from './peak-rss';

const out = process.env.BENCH_MAXRSS_FILE;
if (out) process.on('exit', () => writeFileSync(out, String(peakRssMb())));
