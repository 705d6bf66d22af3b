// ESM Jest: NestJS 12 packages are ESM-only, and Jest loads ESM only in this mode on Node 20.
// Run through `npm test` (it sets NODE_OPTIONS=--experimental-vm-modules and TZ=UTC).
export default {
  testEnvironment: 'node',
  rootDir: '.',
  testRegex: '(src/.*\\.spec\\.ts|test/.*\\.e2e-spec\\.ts)$',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }],
    // Two of Fastify's dependencies are ESM-only but required from CommonJS.
    '^.+/node_modules/(content-disposition|cookie)/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition|cookie)/)'],
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  setupFiles: ['<rootDir>/test/support/test-env.mjs'],
  testTimeout: 30000,
};
