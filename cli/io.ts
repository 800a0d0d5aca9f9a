// The CLI's terminal: output lines, and a secret read from standard input (hidden when typed at a terminal).
export interface Io {
	out(text: string): void;
	err(text: string): void;
	/** The first line of standard input without its line ending; undefined when there is none. */
	readSecret(prompt: string): Promise<string | undefined>;
}

export function processIo(): Io {
	return {
		out: (text) => void process.stdout.write(text + '\n'),
		err: (text) => void process.stderr.write(text + '\n'),
		readSecret: (prompt) => (process.stdin.isTTY ? readHidden(prompt) : firstLine(process.stdin))
	};
}

async function firstLine(stream: NodeJS.ReadStream): Promise<string | undefined> {
	stream.setEncoding('utf8');
	let text = '';
	for await (const chunk of stream) {
		text += String(chunk);
		if (text.includes('\n')) break;
	}
	const line = text.split('\n')[0].replace(/\r$/, '');
	return line === '' ? undefined : line;
}

/** Reads a line at a terminal without echoing it; Ctrl-C gives up. */
function readHidden(prompt: string): Promise<string | undefined> {
	const stdin = process.stdin;
	process.stderr.write(prompt);
	return new Promise((resolve) => {
		let value = '';
		const finish = (result: string | undefined) => {
			stdin.off('data', onData);
			stdin.setRawMode(false);
			stdin.pause();
			process.stderr.write('\n');
			resolve(result === '' ? undefined : result);
		};
		const onData = (chunk: string) => {
			for (const ch of chunk) {
				if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish(value);
				if (ch === '\u0003') return finish(undefined);
				if (ch === '\u007f' || ch === '\b') value = Array.from(value).slice(0, -1).join('');
				else value += ch;
			}
		};
		stdin.setEncoding('utf8');
		stdin.setRawMode(true);
		stdin.on('data', onData);
		stdin.resume();
	});
}
