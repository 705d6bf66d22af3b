import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { RouteConfig } from '@nestjs/platform-fastify';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants.js';
import { Public } from './roles.js';

const limited = { rateLimit: { max: 60, timeWindow: '1 minute' } };
/** The route config a controller method carries (read off its prototype, as Nest does). */
const configOf = (controller: { prototype: object }, method: string) =>
  Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, Object.getOwnPropertyDescriptor(controller.prototype, method)!.value as object) as unknown;

describe(Public.name, () => {
  it('on a controller, keeps the route config its methods set (a rate limit stays in force)', () => {
    @Public()
    class Pages {
      @RouteConfig(limited)
      show() {}
      plain() {}
    }
    expect(configOf(Pages, 'show')).toEqual({ ...limited, public: true });
    expect(configOf(Pages, 'plain')).toEqual({ public: true });
  });

  it('on a method, keeps the route config set below it', () => {
    class Pages {
      @Public()
      @RouteConfig(limited)
      show() {}
    }
    expect(configOf(Pages, 'show')).toEqual({ ...limited, public: true });
  });
});
