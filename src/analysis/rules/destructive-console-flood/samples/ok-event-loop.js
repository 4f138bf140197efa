// A polling worker: the endless loop lives in a function that callers start and stop.
async function work(queue, signal) {
  while (true) {
    if (signal.aborted) return;
    const job = await queue.take();
    console.log('job', job.id);
  }
}
module.exports = { work };
