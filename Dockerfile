# syntax=docker/dockerfile:1
# One image for both processes: `node dist/main.js --api` (HTTP) and `node dist/worker.js` (jobs).
# Production-like: PostgreSQL, Redis and SMTP are servers named by DATABASE_URL, REDIS_URL, SMTP_URL.

# Everything needed to build, and to run the migrations (the Prisma CLI is a dev dependency).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# What runs: production dependencies, the compiled code and the example meeting's text.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma/seed ./prisma/seed
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node", "dist/main.js", "--api"]
