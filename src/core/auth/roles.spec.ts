import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { RouteConfig } from '@nestjs/platform-fastify';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants.js';
import { Public } from './roles.js';

const limited = { rateLimit: { max: 60, timeWindow: '1 minute' } };
const configOf = (handler: unknown) => Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler as object) as unknown;

describe(Public.name, () => {
  it('on a controller, keeps the route config its methods set (a rate limit stays in force)', () => {
    @Public()
    class Pages {
      @RouteConfig(limited)
      show() {}
      plain() {}
    }
    expect(configOf(Pages.prototype.show)).toEqual({ ...limited, public: true });
    expect(configOf(Pages.prototype.plain)).toEqual({ public: true });
  });

  it('on a method, keeps the route config set below it', () => {
    class Pages {
      @Public()
      @RouteConfig(limited)
      show() {}
    }
    expect(configOf(Pages.prototype.show)).toEqual({ ...limited, public: true });
  });
});
