import type { CommitmentStatus } from '../generated/prisma/enums.js';

/**
 * Which status may follow which. PROPOSED (an extracted candidate) only becomes OPEN by approval or
 * is cancelled; closed commitments can be reopened; nothing goes back to PROPOSED.
 */
const transitions: Record<CommitmentStatus, CommitmentStatus[]> = {
  PROPOSED: ['OPEN', 'CANCELLED'],
  OPEN: ['IN_PROGRESS', 'DONE', 'CANCELLED', 'DEFERRED'],
  IN_PROGRESS: ['OPEN', 'DONE', 'CANCELLED', 'DEFERRED'],
  DEFERRED: ['OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED'],
  DONE: ['OPEN', 'IN_PROGRESS'],
  CANCELLED: ['OPEN'],
};

export const CLOSED_STATUSES: readonly CommitmentStatus[] = ['DONE', 'CANCELLED'];
export const INITIAL_STATUSES: readonly CommitmentStatus[] = ['PROPOSED', 'OPEN', 'IN_PROGRESS', 'DEFERRED', 'DONE'];

export function canTransition(from: CommitmentStatus, to: CommitmentStatus): boolean {
  return from === to || transitions[from].includes(to);
}

export function allowedNext(from: CommitmentStatus): CommitmentStatus[] {
  return transitions[from];
}

export const isClosed = (status: CommitmentStatus) => CLOSED_STATUSES.includes(status);
