import { Injectable } from '@nestjs/common';
import { deepFreeze } from '../core/http/json-text.js';
import { isOverdue } from '../deadlines/deadline-window.js';
import { toCommitmentJson } from './commitment.mapper.js';
import type { CommitmentJson } from './commitment.schemas.js';
import type { CommitmentRow } from './commitments.repository.js';

/** A page of commitments read as keys first: the row's id and the version of what its JSON shows. */
export interface CommitmentKey {
  id: string;
  rowVersion: string;
}

export type VersionedRow = CommitmentRow & CommitmentKey;

interface Entry {
  rowVersion: string;
  json: Readonly<CommitmentJson>; // deeply frozen: responses share it and its JSON text
  deadlineEnd: Date | null;
  status: string;
}

/** Enough for every page a busy dashboard shows: about 2 KB each (measured), 20-30 MB when full. */
const CAPACITY = 10_000;

/**
 * The JSON of the commitments lately listed, each under the row version it was made from. Reading,
 * parsing and mapping 30 columns a row was most of a list's cost, and the same rows come back page
 * after page; a list now reads each row's version, and only rows whose version is not here in full.
 * Nothing is ever served stale: every request compares versions read in its own query, so no
 * process needs to hear of another's writes. Least recently used entries go first.
 */
@Injectable()
export class CommitmentJsonCache {
  private readonly entries = new Map<string, Entry>();

  /**
   * The JSON of each commitment, in the keys' order: from here when its version is, the others read
   * in full by `fetch` (which may find a newer version: it is shown, and kept under that version).
   * A row that `fetch` no longer finds is left out.
   */
  async jsonOf(keys: readonly CommitmentKey[], now: Date, fetch: (ids: string[]) => Promise<VersionedRow[]>): Promise<CommitmentJson[]> {
    const found = new Map<string, Entry>(); // held here, since other requests evict while this one waits
    for (const key of keys) {
      const entry = this.entries.get(key.id);
      if (entry?.rowVersion === key.rowVersion) found.set(key.id, this.touch(key.id, entry));
    }
    const missing = keys.filter((key) => !found.has(key.id)).map((key) => key.id);
    if (missing.length) {
      for (const row of await fetch(missing)) {
        const json = deepFreeze(toCommitmentJson(row, now));
        found.set(row.id, this.touch(row.id, { rowVersion: row.rowVersion, json, deadlineEnd: row.deadlineEnd, status: row.status }));
      }
    }
    return keys.flatMap((key) => {
      const entry = found.get(key.id);
      if (!entry) return [];
      // Only whether it is overdue changes without a new row version, and only once: kept as of now.
      const overdue = isOverdue(entry.deadlineEnd, entry.status, now);
      if (overdue !== entry.json.overdue) entry.json = deepFreeze({ ...entry.json, overdue });
      return [entry.json];
    });
  }

  /** Stores the entry as the most recently used, evicting the least recently used beyond capacity. */
  private touch(id: string, entry: Entry): Entry {
    this.entries.delete(id);
    this.entries.set(id, entry);
    if (this.entries.size > CAPACITY) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }
}
