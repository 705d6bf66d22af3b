// CPU seconds used by the benchmark's processes, read from Linux's /proc (null elsewhere): what each
// part of the system costs per request or per email, and how busy the machine was.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

function secondsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0; // gone meanwhile
  }
}

/**
 * A reading for the named groups of processes (`{ workers: [pid, pid], sink: [pid] }`) and for every
 * PostgreSQL and Redis server process on the machine (run nothing else against them meanwhile). Servers' processes are kept one by one: backends come and go
 * with connections, and one that started during a run counts from 0.
 */
export function readCpu(groups) {
  if (!existsSync('/proc/self/stat')) return null;
  const named = Object.fromEntries(Object.entries(groups).map(([name, pids]) => [name, pids.reduce((sum, pid) => sum + secondsOf(pid), 0)]));
  const servers = { postgres: new Map(), redis: new Map() };
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const comm = readFileSync(`/proc/${pid}/comm`, 'utf8');
      if (comm.startsWith('postgres')) servers.postgres.set(pid, secondsOf(pid));
      else if (comm.startsWith('redis-server')) servers.redis.set(pid, secondsOf(pid));
    } catch {
      // gone meanwhile
    }
  }
  return { named, servers, machine: machineTicks() };
}

/** The machine's CPU time so far (/proc/stat): all of it, and what the hypervisor gave other guests. */
function machineTicks() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return { total: fields.reduce((a, b) => a + b, 0), steal: fields[7] ?? 0 };
}

/**
 * The share of the machine's CPU time the hypervisor took for other guests between two readings: on a
 * shared virtual machine the same work costs more CPU when this is high, so runs are only comparable
 * when it is low.
 */
function stealBetween(before, after) {
  const total = after.machine.total - before.machine.total;
  return total > 0 ? Number(((after.machine.steal - before.machine.steal) / total).toFixed(3)) : 0;
}

/** CPU seconds per group (and for postgres and redis) between two readings. */
function cpuBetween(before, after) {
  const used = Object.fromEntries(Object.entries(after.named).map(([name, seconds]) => [name, seconds - (before.named[name] ?? 0)]));
  for (const [server, pids] of Object.entries(after.servers)) {
    used[server] = 0;
    for (const [pid, seconds] of pids) used[server] += seconds - (before.servers[server].get(pid) ?? 0);
  }
  return used;
}

/**
 * CPU milliseconds per unit of work by group between two readings (plus `extra` CPU seconds of
 * processes that reported their own, having exited), the cores they kept busy and the share stolen by
 * the hypervisor meanwhile; null without /proc.
 */
export function cpuPer(before, after, units, seconds, extra = {}) {
  if (!before || !after) return null;
  const used = { ...cpuBetween(before, after), ...extra };
  const perUnitMs = Object.fromEntries(Object.entries(used).map(([name, s]) => [name, Number(((1000 * s) / units).toFixed(2))]));
  const coresBusy = Number((Object.values(used).reduce((sum, s) => sum + s, 0) / seconds).toFixed(2));
  return { perUnitMs, coresBusy, steal: stealBetween(before, after) };
}
