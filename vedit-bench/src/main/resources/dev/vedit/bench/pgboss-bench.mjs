// The queue benchmark's peer: pg-boss doing what vedit's queue does in the bench, on the same PostgreSQL.
// Usage: node pgboss-bench.mjs <connection string> <jobs> <samples> <workers> [<clip url> <ffprobe>]
// With a clip URL, each job does what each vedit task does besides the queue: fetch its input over HTTP to a
// file and probe it with ffprobe; without, jobs do nothing (the queue alone).
// 1. dispatch latency: <samples> jobs sent one at a time to idle workers, send to handler start (p50_ms, p99_ms);
// 2. throughput: <jobs> jobs sent by 16 senders at once, first send to last completion (jobs_per_second).
import PgBoss from 'pg-boss';
import { spawn } from 'node:child_process';
import { writeFile, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [connectionString, jobsArg, samplesArg, workersArg, clipUrl, ffprobe] = process.argv.slice(2);
let files = 0;
async function taskWork() {
  if (!clipUrl) return;
  const reply = await fetch(clipUrl);
  const file = join(tmpdir(), `pgboss-bench-${process.pid}-${files++}.mp4`);
  await writeFile(file, Buffer.from(await reply.arrayBuffer()));
  await new Promise((resolve, reject) => {
    const p = spawn(ffprobe, ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', file], { stdio: ['ignore', 'pipe', 'inherit'] });
    p.stdout.resume();
    p.on('error', reject);
    p.on('exit', code => code === 0 ? resolve() : reject(new Error('ffprobe exit ' + code)));
  });
  await unlink(file);
}
const jobs = Number(jobsArg);
const samples = Number(samplesArg);
const workers = Number(workersArg);
const boss = new PgBoss({ connectionString, max: workers + 8 });
boss.on('error', e => console.error('pg-boss error', e));
await boss.start();
const queue = 'vedit-bench-' + Date.now();
await boss.createQueue(queue);

const latencies = [];
let done = 0;
let waiting = null; // [count to reach, resolve]
for (let w = 0; w < workers; w++) {
  // 0.5 s is the shortest polling interval pg-boss 10 allows, and a worker waits it out even after finding jobs,
  // so each worker fetches a batch of 10 per round (its documented way to throughput) and handles them together.
  await boss.work(queue, { batchSize: 10, pollingIntervalSeconds: 0.5 }, async batch => {
    const now = Date.now();
    for (const job of batch) {
      if (job.data.sample) latencies.push(now - job.data.sentAt);
    }
    await Promise.all(batch.map(taskWork));
    done += batch.length;
    if (waiting && done >= waiting[0]) waiting[1]();
  });
}
const reach = count => new Promise(resolve => {
  waiting = [count, resolve];
  if (done >= count) resolve();
});

for (let i = 0; i < samples; i++) {
  const target = done + 1; // taken before sending: the job may be handled before send() returns
  await boss.send(queue, { sentAt: Date.now(), sample: true });
  await reach(target);
}

const base = done;
const start = performance.now();
let next = 0;
async function sender() {
  while (next < jobs) {
    next++;
    await boss.send(queue, { sentAt: Date.now() });
  }
}
const finished = reach(base + jobs);
await Promise.all(Array.from({ length: 16 }, sender));
await finished;
const seconds = (performance.now() - start) / 1000;
latencies.sort((a, b) => a - b);
const pct = p => latencies[Math.max(0, Math.min(latencies.length - 1, Math.ceil(p / 100 * latencies.length) - 1))];
console.log(`jobs_per_second ${(jobs / seconds).toFixed(1)}`);
console.log(`p50_ms ${pct(50)}`);
console.log(`p99_ms ${pct(99)}`);
await boss.stop({ graceful: false, wait: false });
process.exit(0);
