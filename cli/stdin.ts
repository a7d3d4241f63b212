/** All of standard input as bytes; decoding is the scanner's job (binary sniffing, UTF-16 byte-order marks). */
export async function readStdin(): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
	return Buffer.concat(chunks);
}
