/**
 * The starting files of each lesson's terminal. Lessons, tests and the
 * solution replayer all import them from here, so they never drift apart.
 */
export interface Scenario {
  /** Working directory under /home/learner (also the default Compose project name). */
  dir: string;
  files: Record<string, string>;
  /** Engines the lesson needs running from the start. */
  boot?: 'k8s'[];
}

export const composeDemo: Scenario = {
  dir: 'compose-demo',
  files: {
    'compose.yaml': `services:
  web:
    build: ./web
    ports:
      - "8080:80"
    depends_on:
      - db
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: example
    volumes:
      - db-data:/var/lib/postgresql/data

volumes:
  db-data:
`,
    'web/Dockerfile': `FROM nginx:1.27-alpine
COPY index.html /usr/share/nginx/html/index.html
`,
    'web/index.html': `<!doctype html>
<title>compose-demo</title>
<h1>Hello from compose-demo</h1>
`,
  },
};

/** The Kubernetes lessons' folder: a Deployment and a two-container pod, with the cluster already running. */
export const k8sDemo: Scenario = {
  dir: 'k8s-demo',
  boot: ['k8s'],
  files: {
    'web.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
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
        - name: nginx
          image: nginx:1.27
          ports:
            - containerPort: 80
          resources:
            requests:
              cpu: 100m
              memory: 64Mi
`,
    'two.yaml': `# Two containers in one pod: they share the pod's network namespace.
apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  containers:
    - name: web
      image: nginx:1.27
      ports:
        - containerPort: 80
    - name: sidecar
      image: curlimages/curl:8.11.1
      command: ["sleep", "infinity"]
`,
  },
};

/** The scheduler lesson's folder: the demo files and a pod that tolerates the lesson's `team=blue:NoSchedule` taint. */
export const k8sSchedulerDemo: Scenario = {
  ...k8sDemo,
  files: {
    ...k8sDemo.files,
    'blue.yaml': `# A pod that tolerates the team=blue:NoSchedule taint.
apiVersion: v1
kind: Pod
metadata:
  name: blue
spec:
  tolerations:
    - key: team
      operator: Equal
      value: blue
      effect: NoSchedule
  containers:
    - name: web
      image: nginx:1.27
`,
  },
};

/** The capstone: the same nginx image run first with Compose, then on the cluster. */
export const reviewDemo: Scenario = {
  dir: 'capstone',
  boot: ['k8s'],
  files: {
    'compose.yaml': `services:
  web:
    image: nginx:1.27
    ports:
      - "8080:80"
`,
    'web.yaml': k8sDemo.files['web.yaml']!,
  },
};
