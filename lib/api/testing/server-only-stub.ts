// Under vitest there is no Next server: `server-only` would throw on import, so the tests
// that call route handlers directly resolve it to this empty module (vitest.config.ts).
export {};
