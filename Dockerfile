# The Cauce image: API and worker (the command chooses). Temporal runs in its own containers,
# so the project-local Temporal CLI is not installed here.
FROM node:20.20-bookworm-slim AS build
WORKDIR /app
ENV CAUCE_SKIP_TOOLS=1
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20.20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production CAUCE_SKIP_TOOLS=1
COPY --from=build /app /app
RUN npm prune --omit=dev --ignore-scripts && chown -R node:node /app
USER node
EXPOSE 3000
CMD ["npm", "run", "api"]
