import { Injectable } from '@nestjs/common';
import { actorOf, CommitmentsService } from '../commitments/commitments.service.js';
import type { Principal } from '../core/auth/roles.js';
import { ProblemError } from '../core/errors/problem.js';
import { deadlineLabel } from '../deadlines/deadline-label.js';
import { deadlineInputSchema } from '../deadlines/deadline.schemas.js';
import { EmailActionsRepository, type ExtensionRequestRow } from './email-actions.repository.js';
import { EmailActionsService, labelOf } from './email-actions.service.js';
import type { ExtensionRequestJson } from './extension-request.schemas.js';

/** Editors decide the extension requests people send from their reminders. */
@Injectable()
export class ExtensionRequestsService {
  constructor(
    private readonly repository: EmailActionsRepository,
    private readonly commitments: CommitmentsService,
    private readonly actions: EmailActionsService,
  ) {}

  async ofCommitment(commitmentId: string): Promise<{ items: ExtensionRequestJson[] }> {
    await this.commitments.get(commitmentId);
    return { items: (await this.repository.extensionsOf(commitmentId)).map(toJson) };
  }

  /** Approval moves the deadline (history, reminders re-planned) in the transaction that marks it APPROVED. */
  async approve(id: string, principal: Principal): Promise<ExtensionRequestJson> {
    const request = await this.pending(id);
    const actor = actorOf(principal);
    await this.commitments.update(
      request.commitmentId,
      { deadline: deadlineInputSchema.parse(request.proposedDeadline) },
      undefined,
      principal,
      undefined,
      async (tx) => {
        if (!(await this.repository.decideExtension(tx, id, 'APPROVED', actor))) throw decidedMeanwhile(id);
      },
    );
    return this.decided(id);
  }

  async decline(id: string, principal: Principal, reason?: string): Promise<ExtensionRequestJson> {
    const request = await this.pending(id);
    const actor = actorOf(principal);
    await this.commitments.record(
      request.commitmentId,
      {
        type: 'UPDATED',
        note: reason ? `extension request declined: ${reason}` : 'extension request declined',
        changes: { extensionRequest: { from: { id, status: 'PENDING' }, to: { id, status: 'DECLINED' } } },
      },
      principal,
      async (tx) => {
        if (!(await this.repository.decideExtension(tx, id, 'DECLINED', actor))) throw decidedMeanwhile(id);
      },
    );
    return this.decided(id, reason);
  }

  private async pending(id: string): Promise<ExtensionRequestRow> {
    const request = await this.repository.findExtension(id);
    if (!request) throw ProblemError.notFound('Extension request', id);
    if (request.status !== 'PENDING') throw decidedMeanwhile(id, request.status);
    return request;
  }

  /** The requester hears the decision by email. */
  private async decided(id: string, why?: string): Promise<ExtensionRequestJson> {
    const request = toJson((await this.repository.findExtension(id))!);
    const [person, commitment] = await Promise.all([this.repository.person(request.personId), this.repository.commitment(request.commitmentId)]);
    if (person && commitment) {
      const approved = request.status === 'APPROVED';
      const text = [
        `Hello ${person.name},`,
        '',
        approved
          ? `Your request for more time was approved. The new deadline is ${labelOf(commitment) ?? request.proposedDeadlineLabel}.`
          : `Your request for more time (until ${request.proposedDeadlineLabel}) was declined${why ? `: ${why}` : ''}. The deadline stays ${labelOf(commitment) ?? 'as it was'}.`,
        '',
        `Commitment: ${commitment.title}`,
        `Your reason: ${request.reason}`,
        '',
      ].join('\n');
      await this.actions.enqueue([
        {
          id: `extension.${id}`,
          job: { to: person.email, subject: `${approved ? 'More time approved' : 'More time declined'}: ${commitment.title}`.slice(0, 200), text },
        },
      ]);
    }
    return request;
  }
}

function decidedMeanwhile(id: string, status?: string): ProblemError {
  return ProblemError.conflict('already_decided', `Extension request ${id} was already decided${status ? ` (${status})` : ''}`);
}

function toJson(row: ExtensionRequestRow): ExtensionRequestJson {
  const proposed = deadlineInputSchema.parse(row.proposedDeadline);
  return {
    id: row.id,
    commitmentId: row.commitmentId,
    personId: row.personId,
    proposedDeadline: proposed,
    proposedDeadlineLabel:
      proposed.precision === 'MEETING' ? 'the meeting' : deadlineLabel(proposed.precision, proposed.value ?? null, proposed.timeZone ?? 'UTC'),
    reason: row.reason,
    status: row.status,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
