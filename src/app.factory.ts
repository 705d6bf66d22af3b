import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeyAuthentication } from './api-keys/api-key-authentication.js';
import { ApiModule } from './app.module.js';
import type { AppConfig } from './core/config/config.schema.js';
import { ProblemError } from './core/errors/problem.js';
import { ProblemFilter } from './core/errors/problem.filter.js';
import { validationPipe } from './core/errors/validation.js';
import { observeHttpRequests } from './metrics/http-metrics.js';
import { requestIdOf } from './core/http/request-id.js';
import { PinoNestLogger } from './core/logging/nest-logger.js';
import { logRequests } from './core/logging/request-logs.js';
import { ROOT_LOGGER } from './core/logging/root-logger.js';
import { needsApiKey } from './core/auth/public-routes.js';
import { securityHeaders } from './core/http/security-headers.js';
import { acceptActionForms } from './email-actions/action-forms.plugin.js';
import { mountSwagger } from './openapi/openapi.js';
import { answerClientError } from './core/http/client-errors.js';

export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Believe X-Forwarded-For for this many proxies in front of the API. */
const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

/**
 * Builds the HTTP application exactly as it runs in production; e2e tests use this too. An entry point
 * that closes several things in order on a signal (main.ts) handles the signals itself.
 */
export async function createApiApp(config: AppConfig, { shutdownHooks = true } = {}): Promise<NestFastifyApplication> {
  const problems = new ProblemFilter();
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // A malformed URL never reaches a route: answer it as a problem as well.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => problems.send(error, request, reply),
    // So is a request too large or too broken for Node's HTTP parser.
    clientErrorHandler: answerClientError,
    // The client's x-request-id is kept only in a safe short form (requestIdOf).
    requestIdHeader: false,
    genReqId: requestIdOf,
    routerOptions: { ignoreTrailingSlash: true },
    // Whose X-Forwarded-For names the client (throttling and logs): no one unless configured.
    trustProxy: typeof config.TRUST_PROXY === 'number' ? trustHops(config.TRUST_PROXY) : config.TRUST_PROXY,
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), adapter, {
    bufferLogs: true,
    // Nest would add a form (urlencoded) parser; the API speaks JSON only, with Fastify's own parser.
    bodyParser: false,
  });
  app.useLogger(app.get(PinoNestLogger));
  if (shutdownHooks) app.enableShutdownHooks();
  app.useGlobalFilters(problems);
  app.useGlobalPipes(validationPipe());

  const fastify = app.getHttpAdapter().getInstance();
  logRequests(fastify, app.get(ROOT_LOGGER));
  // The API speaks JSON only: a text body gets 415, not a confusing validation error.
  fastify.removeContentTypeParser('text/plain');
  acceptActionForms(fastify);
  // Per-route limits (the public email action pages set theirs); nothing is limited by default.
  // Its own error has no code the problem filter knows (it became a 500): answer a problem instead.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, limit) =>
      new ProblemError(limit.statusCode, 'rate_limited', `Too many requests from this address: try again in ${limit.after}`),
  });
  // Body errors (bad JSON, too large, wrong media type) happen before Nest sees the request and go to
  // the error handler a route captured when it was added. A plugin awaited while the app initialises
  // (the queue board) makes routes capture Fastify's default handler rather than Nest's, so each of
  // our routes gets the problem handler explicitly. Plugins keep their own (their routes live in
  // child scopes).
  // Our routes check the API key as a request arrives, before its body is read (the queue board's
  // plugin checks its own).
  const authentication = app.get(ApiKeyAuthentication);
  fastify.addHook('onRoute', function (route) {
    if (this !== fastify) return;
    route.errorHandler ??= (error, request, reply) => problems.send(error, request, reply);
    if (needsApiKey(route)) route.onRequest = [...[route.onRequest ?? []].flat(), authentication.onRequest];
  });
  observeHttpRequests(fastify);
  fastify.addHook('onSend', (request, reply, payload, done) => {
    void reply.header('x-request-id', request.id);
    done(null, payload);
  });
  // Security headers on every response; Swagger UI alone may run inline scripts.
  fastify.addHook('onRequest', securityHeaders);
  await app.register(cors, {
    origin: config.CORS_ORIGINS,
    exposedHeaders: ['ETag', 'X-Request-Id', 'X-Total-Count'],
    allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'X-Request-Id'],
    methods: ['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE'],
    // A plain OPTIONS (no Origin, as curl or a client probing the API sends it) is answered with what
    // the API allows, not a text/plain 400 "Invalid Preflight Request".
    strictPreflight: false,
  });
  mountSwagger(app);
  return app;
}
