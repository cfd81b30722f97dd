# Kompas in one image: the server bundled into plain JavaScript, and the web app it serves.
#   docker build -t kompas .        (docker-compose.yml builds it for its three servers)
# Configuration comes from the environment; see the README's Operations section.

FROM node:20-bookworm-slim AS build
# better-sqlite3 compiles its native part when no prebuilt binary fits the platform.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
RUN npm install -g pnpm@12.4.2
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile
RUN node apps/server/build.mjs && pnpm --filter @kompas/web build
# What runs needs only the dependencies, not the compilers, test runners and bundlers.
RUN pnpm install --frozen-lockfile --prod --offline

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    DATA_DIR=/var/lib/kompas
WORKDIR /app
COPY --from=build /app /app
RUN mkdir -p /var/lib/kompas && chown node:node /var/lib/kompas
USER node
EXPOSE 8080
# The server ends gracefully on SIGTERM (docker stop): it flushes every room before it exits.
CMD ["node", "--enable-source-maps", "apps/server/dist/main.js"]
