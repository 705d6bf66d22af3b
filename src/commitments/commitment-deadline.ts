import { Injectable } from '@nestjs/common';
import { ProblemError } from '../core/errors/problem.js';
import { DeadlineValueError, deadlineWindow, meetingWindow } from '../deadlines/deadline-window.js';
import type { DeadlineInput } from '../deadlines/deadline.schemas.js';
import { CommitmentsRepository } from './commitments.repository.js';

/** The deadline columns of a commitment. */
export interface DeadlineColumns {
  deadlinePrecision: DeadlineInput['precision'] | null;
  deadlineValue: string | null;
  deadlinePhrase: string | null;
  deadlineTimeZone: string | null;
  deadlineMeetingId: string | null;
  deadlineStart: Date | null;
  deadlineEnd: Date | null;
}

export const NO_DEADLINE: DeadlineColumns = {
  deadlinePrecision: null,
  deadlineValue: null,
  deadlinePhrase: null,
  deadlineTimeZone: null,
  deadlineMeetingId: null,
  deadlineStart: null,
  deadlineEnd: null,
};

@Injectable()
export class CommitmentDeadlines {
  constructor(private readonly repository: CommitmentsRepository) {}

  /** Resolves a deadline as said into its stored form, with the window it denotes. */
  async resolve(input: DeadlineInput | null): Promise<DeadlineColumns> {
    if (!input) return NO_DEADLINE;
    if (input.precision === 'MEETING') {
      const meetingId = input.meetingId!;
      const meeting = await this.repository.findDeadlineMeeting(meetingId);
      if (!meeting) throw ProblemError.unknownReference('deadline.meetingId', 'Meeting', meetingId);
      const window = meetingWindow(meeting);
      return {
        deadlinePrecision: 'MEETING',
        deadlineValue: null,
        deadlinePhrase: input.phrase ?? null,
        deadlineTimeZone: input.timeZone ?? meeting.timeZone,
        deadlineMeetingId: meetingId,
        deadlineStart: window?.start ?? null,
        deadlineEnd: window?.end ?? null,
      };
    }
    const timeZone = input.timeZone ?? 'UTC';
    try {
      const window = deadlineWindow(input.precision, input.value!, timeZone);
      return {
        deadlinePrecision: input.precision,
        deadlineValue: input.value!,
        deadlinePhrase: input.phrase ?? null,
        deadlineTimeZone: timeZone,
        deadlineMeetingId: null,
        deadlineStart: window.start,
        deadlineEnd: window.end,
      };
    } catch (error) {
      if (!(error instanceof DeadlineValueError)) throw error;
      throw ProblemError.badRequest('validation_failed', 'The request has invalid fields', [{ field: 'deadline.value', message: error.message }]);
    }
  }
}

/** The deadline as the client gave it, for history entries and change detection. */
export function deadlineAsInput(c: DeadlineColumns): DeadlineInput | null {
  if (!c.deadlinePrecision) return null;
  return {
    precision: c.deadlinePrecision,
    ...(c.deadlineValue !== null ? { value: c.deadlineValue } : {}),
    ...(c.deadlineMeetingId !== null ? { meetingId: c.deadlineMeetingId } : {}),
    timeZone: c.deadlineTimeZone ?? 'UTC',
    ...(c.deadlinePhrase !== null ? { phrase: c.deadlinePhrase } : {}),
  };
}
