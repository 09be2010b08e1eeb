# syntax=docker/dockerfile:1
# Pitwall runs TypeScript directly on Node 24 (type stripping), so there is no build step: the
# first stage installs production dependencies, the second copies them next to the source.
# The tag is the Node version package-lock.json pins for the `node` dev dependency, the one the
# tests run on (test/packaging/node-versions.test.ts keeps the two equal).

FROM node:24.21.0-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# --omit=dev: no test tooling, and no `node` package (the image already has Node 24).
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:24.21.0-bookworm-slim
# Probot listens on `localhost` unless HOST is set, which inside a container no one else can reach.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    PITWALL_DATA_DIR=/data
WORKDIR /app
# The app's files stay root's: the `node` user that runs it can read them, not change them.
# .dockerignore keeps the wind tunnel, tests, secrets and local data out of `src` and the context.
COPY --from=deps /app/node_modules ./node_modules
COPY package.json app.yml LICENSE ./
COPY src ./src
COPY workflows ./workflows
COPY agents ./agents
# The only writable place: PGlite's data folder. Mount a volume here, or set DATABASE_URL.
# Private to `node`: PGlite creates its files writable by everyone (mode 666).
RUN mkdir -p /data && chown node:node /data && chmod 700 /data
VOLUME ["/data"]
USER node
EXPOSE 3000
# Probot answers GET /ping with PONG.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/ping').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "src/app/main.ts"]
