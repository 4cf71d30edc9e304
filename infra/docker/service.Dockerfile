# One image pattern for every service: docker build --build-arg SERVICE=broadcast -f infra/docker/service.Dockerfile .
# Multi-stage: the build stage compiles the workspace; the runtime stage holds only the
# service's production dependencies and runs as the unprivileged `node` user.
ARG NODE_IMAGE=node:24-slim

FROM ${NODE_IMAGE} AS build
RUN npm install -g pnpm@10.34.9
WORKDIR /src
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc tsconfig.base.json tsconfig.json ./
COPY packages ./packages
COPY services ./services
RUN pnpm install --frozen-lockfile
RUN pnpm exec tsc -b
ARG SERVICE
RUN test -n "${SERVICE}" && pnpm --filter "@rs/${SERVICE}" deploy --prod --legacy /out

FROM ${NODE_IMAGE}
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /out ./
USER node
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/main.js"]
