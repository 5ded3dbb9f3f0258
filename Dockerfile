# DingOps production image: the compiled server, the built micro-app and production dependencies
# only, run by plain node as an unprivileged user. Build: docker build -t dingops .
# The runtime stage is the folder scripts/build-bundle.mjs makes (the deploy tests start that
# folder with node, so what runs here is what they check).

FROM node:20-slim AS build
WORKDIR /src
# Dependencies first: this layer is reused until the lockfile or a package.json changes.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY scripts/preinstall-guard.mjs scripts/
COPY shared/package.json shared/
COPY server/package.json server/
COPY miniapp/package.json miniapp/
RUN npx -y pnpm@12.4.2 install --frozen-lockfile
COPY . .
RUN node scripts/build-bundle.mjs /bundle

FROM node:20-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/data
WORKDIR /app
# The code stays owned by root (read-only to the server); only DATA_DIR is the server's to write.
COPY --from=build /bundle/ ./
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# /readyz: 200 once the database answers and every migration is applied.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM: finish requests in flight, close the database, exit (10 s at most).
STOPSIGNAL SIGTERM
CMD ["node", "server/dist/main.js"]
