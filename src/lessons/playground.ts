import type { Scenario } from './scenarios.ts';

/** The playground's starting files: a small Compose project and a Deployment, for a cluster that is already up. */
export const playground: Scenario = {
  dir: 'playground',
  boot: ['k8s'],
  files: {
    'compose.yaml': `services:
  web:
    image: nginx:1.27
    ports:
      - "8080:80"
  cache:
    image: redis:7
`,
    'web.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: 80
`,
  },
};
