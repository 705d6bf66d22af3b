import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, PrismaHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
import { z } from 'zod';
import { Public } from '../core/auth/roles.js';
import { ProblemError } from '../core/errors/problem.js';
import { PrismaService } from '../core/prisma/prisma.service.js';
import { RedisHealthIndicator } from './redis.health.js';

const dependencies = z.record(z.string(), z.object({ status: z.enum(['up', 'down']), message: z.string().optional() }).loose());
const healthSchema = z
  .object({ status: z.enum(['ok', 'error']), info: dependencies.optional(), error: dependencies.optional(), details: dependencies })
  .meta({ id: 'Health' });
const unavailableExample = {
  type: 'about:blank',
  title: 'Service Unavailable',
  status: 503,
  detail: 'Not ready: redis is down',
  code: 'dependency_down',
  instance: '/health',
  details: { postgres: { status: 'up' }, redis: { status: 'down' } },
};

@ApiTags('Health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly prismaIndicator: PrismaHealthIndicator,
    private readonly prisma: PrismaService,
    private readonly redis: RedisHealthIndicator,
  ) {}

  @Get()
  // Documented here rather than by terminus, whose generated schema depends on how it was loaded.
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({
    summary: 'Liveness and readiness: Postgres and Redis reachable (no API key needed)',
    description: 'Redis is checked only when the queues use it (REDIS_URL set); otherwise they live in PostgreSQL and `details` has `postgres` alone.',
  })
  @ApiResponse({
    status: 200,
    description: 'Both reachable',
    standardSchema: healthSchema,
    example: { status: 'ok', details: { postgres: { status: 'up' }, redis: { status: 'up' } } },
  })
  @ApiResponse({
    status: 503,
    description: 'One of them is down; `details` says which',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' }, example: unavailableExample } },
  })
  async check() {
    try {
      return await this.health.check([
        () => this.prismaIndicator.pingCheck('postgres', this.prisma, { timeout: 1000 }),
        // Without REDIS_URL the queues live in PostgreSQL: the postgres check covers them.
        ...(this.redis.inUse ? [() => this.redis.pingCheck('redis')] : []),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      throw unavailable(error.getResponse() as HealthCheckResult);
    }
  }
}

/**
 * Says which dependency is down, without the driver's message: the route needs no key, and the
 * message (hosts, ports, driver internals) is logged by terminus with the request id instead.
 */
function unavailable(result: HealthCheckResult): ProblemError {
  const details = Object.fromEntries(
    Object.entries(result.details).map(([name, { status }]) => [name, { status: status === 'up' ? 'up' : 'down' }]),
  );
  const down = Object.keys(details).filter((name) => details[name].status === 'down');
  return new ProblemError(503, 'dependency_down', `Not ready: ${down.join(' and ')} ${down.length > 1 ? 'are' : 'is'} down`, { details });
}
