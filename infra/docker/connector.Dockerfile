# The jobcentre connector's image:
#   docker build -f infra/docker/connector.Dockerfile -t rekrutteringsservice/connector:1 .
# The services' pattern (service.Dockerfile): the build stage compiles the workspace and packs the
# connector exactly as npm users get it (packages/connector/scripts/pack.js); the runtime stage
# installs that one tarball with production dependencies only and runs as the unprivileged `node`
# user. Configured only by environment variables and secret files (AMQP_PASSWORD_FILE,
# FEED_TOKEN_FILE): nothing about a jobcentre is baked in. Role by command: webhook (default),
# doctor, sync <file>, inbox, demo.
ARG NODE_IMAGE=node:24-slim

FROM ${NODE_IMAGE} AS build
RUN npm install -g pnpm@10.34.9
WORKDIR /src
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc tsconfig.base.json tsconfig.json ./
COPY packages ./packages
COPY services ./services
RUN pnpm install --frozen-lockfile
RUN pnpm exec tsc -b packages/connector
RUN node packages/connector/scripts/pack.js /pkg && mv /pkg/*.tgz /pkg/connector.tgz

FROM ${NODE_IMAGE}
ENV NODE_ENV=production
COPY --from=build /pkg/connector.tgz /tmp/connector.tgz
# Installed globally as root (so the running user cannot change its own code), then dropped to `node`.
RUN npm install -g --omit=dev --no-audit --no-fund /tmp/connector.tgz && rm /tmp/connector.tgz && npm cache clean --force
USER node
WORKDIR /home/node
ENTRYPOINT ["rs-connector"]
CMD ["webhook"]
