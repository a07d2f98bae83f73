# golive: one image for `golive api` and `golive worker` (docker-compose.yml runs both).
# Build stage: compile TypeScript and prebuild the workflow bundle (dist/workflow-bundle.js), so a
# worker starts without webpack. Runtime stage: production dependencies only, non-root.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY plan plan
COPY workflows workflows
COPY activities activities
COPY workers workers
COPY api api
COPY cli cli
COPY examples examples
COPY scripts scripts
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    GOLIVE_LOG_FORMAT=json \
    GOLIVE_API_PORT=4680 \
    GOLIVE_WORKFLOW_BUNDLE=/app/dist/workflow-bundle.js \
    GOLIVE_SNAPSHOT_DIR=/var/lib/golive/snapshots
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist dist
# The console's static files and examples are read at run time next to the compiled code.
COPY --from=build /app/api/console api/console
COPY --from=build /app/examples examples
RUN mkdir -p /var/lib/golive/snapshots && chown -R node:node /var/lib/golive
USER node
EXPOSE 4680
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "dist/scripts/container-health.js"]
ENTRYPOINT ["node", "dist/cli/main.js"]
CMD ["api", "--host", "0.0.0.0"]
