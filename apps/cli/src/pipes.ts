/**
 * A reader that stops early (`gatehouse users list --json | head -1`) closes the pipe, and the
 * next write fails with EPIPE, which Node reports as an unhandled 'error' event: a stack trace.
 * The command has done its work by then; the rest of its output is simply not wanted. So the
 * output is dropped and the command ends as it would have, with its own exit code.
 */
export function endQuietlyOnClosedPipes(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      // After EPIPE the stream is destroyed; a later write fails with ERR_STREAM_DESTROYED.
      if (error.code !== "EPIPE" && error.code !== "ERR_STREAM_DESTROYED") throw error;
    });
  }
}
