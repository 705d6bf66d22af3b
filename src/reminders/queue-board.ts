import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BoardAdapter } from '@bull-board/fastify';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeysService } from '../api-keys/api-keys.service.js';
import { DELIVERY_QUEUE, DISPATCH_QUEUE } from './reminder-queues.js';

export const QUEUE_BOARD_PATH = '/admin/queues';

/** The admin key, as a Bearer token (scripts) or as the password of HTTP Basic (browsers). */
export function presentedKey(authorization: string | undefined): string | null {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (bearer) return bearer[1];
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '');
  if (!basic) return null;
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 && colon < decoded.length - 1 ? decoded.slice(colon + 1) : null;
}

/**
 * The BullMQ dashboard at /admin/queues. Mounted as a Fastify plugin whose onRequest hook checks the
 * key on every request in its scope, the page and its /api routes (retry, clean, remove) alike.
 */
@Injectable()
export class QueueBoard implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly moduleRef: ModuleRef,
    @InjectQueue(DISPATCH_QUEUE) private readonly dispatchQueue: Queue,
    @InjectQueue(DELIVERY_QUEUE) private readonly deliveryQueue: Queue,
  ) {}

  async onModuleInit(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    const apiKeys = this.moduleRef.get(ApiKeysService, { strict: false });
    const board = new BoardAdapter();
    board.setBasePath(QUEUE_BOARD_PATH);
    createBullBoard({ queues: [new BullMQAdapter(this.deliveryQueue), new BullMQAdapter(this.dispatchQueue)], serverAdapter: board });

    const authorize = async (request: FastifyRequest, reply: FastifyReply) => {
      const key = presentedKey(request.headers.authorization);
      const principal = key ? await apiKeys.authenticate(key, { lookUp: true }) : null;
      if (principal?.role === 'ADMIN') return;
      const status = principal ? 403 : 401;
      if (!principal) void reply.header('WWW-Authenticate', 'Basic realm="Followthrough queues", charset="UTF-8"');
      await reply
        .code(status)
        .type('application/problem+json')
        .send({
          type: 'about:blank',
          title: status === 401 ? 'Unauthorized' : 'Forbidden',
          status,
          code: status === 401 ? 'unauthenticated' : 'forbidden',
          detail:
            status === 401 ? 'The queue dashboard needs the admin key (Bearer, or as the HTTP Basic password)' : 'The queue dashboard needs the ADMIN role',
        });
    };
    await fastify.register(async (scope) => {
      scope.addHook('onRequest', authorize);
      await scope.register(board.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
    });
  }
}
