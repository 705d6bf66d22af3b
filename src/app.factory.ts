import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from 'helmet';
import cors from '@fastify/cors';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './app.module.js';
import type { AppConfig } from './core/config/config.schema.js';
import { ProblemFilter } from './core/errors/problem.filter.js';
import { validationPipe } from './core/errors/validation.js';
import { observeHttpRequests } from './metrics/http-metrics.js';
import { mountSwagger } from './openapi/openapi.js';

export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Builds the HTTP application exactly as it runs in production; e2e tests use this too. */
export async function createApiApp(config: AppConfig): Promise<NestFastifyApplication> {
  const problems = new ProblemFilter();
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // A malformed URL never reaches a route: answer it as a problem as well.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => problems.send(error, request, reply),
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    routerOptions: { ignoreTrailingSlash: true },
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), adapter, {
    bufferLogs: true,
    // Nest would add a form (urlencoded) parser; the API speaks JSON only, with Fastify's own parser.
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.useGlobalFilters(problems);
  app.useGlobalPipes(validationPipe());

  const fastify = app.getHttpAdapter().getInstance();
  // The API speaks JSON only: a text body gets 415, not a confusing validation error.
  fastify.removeContentTypeParser('text/plain');
  // Body errors (bad JSON, too large, wrong media type) happen before Nest sees the request and go to
  // the error handler a route captured when it was added. A plugin awaited while the app initialises
  // (the queue board) makes routes capture Fastify's default handler rather than Nest's, so each of
  // our routes gets the problem handler explicitly. Plugins keep their own (their routes live in
  // child scopes).
  fastify.addHook('onRoute', function (route) {
    if (this === fastify) route.errorHandler ??= (error, request, reply) => problems.send(error, request, reply);
  });
  observeHttpRequests(fastify);
  fastify.addHook('onSend', (request, reply, payload, done) => {
    void reply.header('x-request-id', request.id);
    done(null, payload);
  });
  // Security headers, the same on every response. Built once: the Fastify plugin for helmet builds
  // the middleware again on every request, which showed up in the list's profile.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      // Swagger UI needs inline scripts and styles; the API itself serves JSON only. Internal
      // installs often serve plain HTTP: do not make browsers upgrade every request.
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        upgradeInsecureRequests: null,
      },
    },
  });
  fastify.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)));
  await app.register(cors, {
    origin: config.CORS_ORIGINS,
    exposedHeaders: ['ETag', 'X-Request-Id', 'X-Total-Count'],
    allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'X-Request-Id'],
    methods: ['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE'],
  });
  mountSwagger(app);
  return app;
}
