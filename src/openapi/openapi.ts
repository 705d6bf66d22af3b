import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { problemSchema } from '../core/errors/problem.js';
import { explodeListParameters, namedComponents } from './openapi-schemas.js';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Followthrough')
    .setDescription(
      'Records what was promised in meetings (who owes what to whom, by when, where it was said) and ' +
        'reminds people until it is done. Every route needs `Authorization: Bearer <api key>` except /health, ' +
        'calendar feeds (/api/v1/calendar/{file}: the address is the secret) and these documents (/docs, /docs-json). ' +
        'Unknown or revoked keys are throttled per client address (429 with Retry-After). ' +
        'Errors are RFC 9457 `application/problem+json` with a stable `code`.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key (the bootstrap admin key is ADMIN_API_KEY)' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  explodeListParameters(document);
  // Operations point at Problem by $ref; nothing else registers it.
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...namedComponents(problemSchema) } };
  return document;
}

/** Swagger UI at /docs, the document at /docs-json. */
export function mountSwagger(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    swaggerOptions: { persistAuthorization: true },
  });
}
