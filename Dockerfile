# syntax=docker/dockerfile:1
# Pitwall runs TypeScript directly on Node 24 (type stripping), so there is no build step: the
# first stage installs production dependencies, the second copies them next to the source.

FROM node:24.11.1-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# --omit=dev: no test tooling, and no `node` package (the image already has Node 24).
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:24.11.1-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    PITWALL_DATA_DIR=/data
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node package.json app.yml ./
COPY --chown=node:node src ./src
COPY --chown=node:node workflows ./workflows
COPY --chown=node:node agents ./agents
# PGlite's data folder; mount a volume here, or set DATABASE_URL to use PostgreSQL instead.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
# Probot answers GET /ping with PONG.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/ping').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "src/app/main.ts"]
