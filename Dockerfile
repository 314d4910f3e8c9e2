# syntax=docker/dockerfile:1
# Build stage: compile TypeScript with the dev toolchain, then drop the dev dependencies.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev && chmod 0755 dist/cli.js

# Runtime stage: Node 22 LTS, production dependencies, compiled code and the model files.
# Runs as the image's non-root `node` user (uid 1000) and writes nothing outside /tmp, so the
# root filesystem can be mounted read-only. No HEALTHCHECK: Kubernetes probes /healthz and /readyz.
FROM node:22-bookworm-slim
# NODE_OPTIONS: a small young generation (src/heap.ts, SEMI_SPACE_MB); the heap's growth is set by
# port-sync itself when it starts.
ENV NODE_ENV=production \
    NODE_OPTIONS=--max-semi-space-size=2 \
    TMPDIR=/tmp \
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
WORKDIR /app
# Owned by root and read-only to the runtime user: the process cannot change its own code.
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY blueprints ./blueprints
COPY scorecards ./scorecards
COPY dashboards ./dashboards
RUN ln -s /app/dist/cli.js /usr/local/bin/port-sync
USER 1000:1000
EXPOSE 8080
ENTRYPOINT ["port-sync"]
# The in-cluster worker; the CronJob variant passes `sync` for one run per container start.
CMD ["serve"]
