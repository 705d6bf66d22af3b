import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { ExtensionRequestStatus, Prisma } from '../generated/prisma/client.js';
import { PrismaService } from '../core/prisma/prisma.service.js';

type Tx = Prisma.TransactionClient;

const extensionSelect = {
  id: true,
  commitmentId: true,
  personId: true,
  proposedDeadline: true,
  reason: true,
  status: true,
  decidedBy: true,
  decidedAt: true,
  createdAt: true,
} as const;

export type ExtensionRequestRow = Prisma.ExtensionRequestGetPayload<{ select: typeof extensionSelect }>;

/** Receipts of email actions and extension requests: this feature's own tables. */
@Injectable()
export class EmailActionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  person(id: string) {
    return this.prisma.person.findUnique({ where: { id }, select: { id: true, name: true, email: true, timeZone: true } });
  }

  /** What an action page shows of a commitment, and who hears about what is done on it. */
  commitment(id: string) {
    return this.prisma.commitment.findFirst({
      where: { id, deletedAt: null },
      select: {
        id: true,
        title: true,
        status: true,
        deadlinePrecision: true,
        deadlineValue: true,
        deadlineTimeZone: true,
        deadlineEnd: true,
        deadlineMeeting: { select: { title: true, round: true, series: { select: { name: true, shortName: true } } } },
        people: { select: { role: true, person: { select: { id: true, name: true, email: true } } } },
      },
    });
  }

  /** The contacts of the live API keys named as the commitment's creator in its history. */
  async creatorContacts(commitmentId: string): Promise<string[]> {
    const created = await this.prisma.commitmentEvent.findFirst({ where: { commitmentId, type: 'CREATED' }, orderBy: { seq: 'asc' }, select: { actor: true } });
    if (!created?.actor.startsWith('api-key:')) return [];
    const keys = await this.prisma.apiKey.findMany({
      where: { name: created.actor.slice('api-key:'.length), revokedAt: null, contactEmail: { not: null } },
      select: { contactEmail: true },
    });
    return [...new Set(keys.flatMap((k) => (k.contactEmail ? [k.contactEmail] : [])))];
  }

  latestReceipt(personId: string, commitmentId: string, action: string) {
    return this.prisma.emailActionReceipt.findFirst({
      where: { personId, commitmentId, action },
      orderBy: { createdAt: 'desc' },
      select: { summary: true, createdAt: true },
    });
  }

  async addReceipt(tx: Tx, receipt: { personId: string; commitmentId: string; action: string; summary: string }): Promise<void> {
    await tx.emailActionReceipt.create({ data: { id: randomUUID(), ...receipt } });
  }

  async createExtension(
    tx: Tx,
    request: { id: string; commitmentId: string; personId: string; proposedDeadline: Prisma.InputJsonValue; reason: string },
  ): Promise<void> {
    await tx.extensionRequest.create({ data: request });
  }

  extensionsOf(commitmentId: string): Promise<ExtensionRequestRow[]> {
    return this.prisma.extensionRequest.findMany({ where: { commitmentId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: extensionSelect });
  }

  findExtension(id: string): Promise<ExtensionRequestRow | null> {
    return this.prisma.extensionRequest.findUnique({ where: { id }, select: extensionSelect });
  }

  /** Decides a request still PENDING; false when someone decided it first. */
  async decideExtension(tx: Tx, id: string, status: ExtensionRequestStatus, decidedBy: string): Promise<boolean> {
    const { count } = await tx.extensionRequest.updateMany({ where: { id, status: 'PENDING' }, data: { status, decidedBy, decidedAt: new Date() } });
    return count === 1;
  }
}
