import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { CompactedText } from './core/compactDocument';
import { hasLoneSurrogate } from './core/lines';

/** Texts given back recently, by their compact form: features read one document's text many times in a row. */
const RECENT_TEXTS = 16;
const recent = new Map<CompactText, string>();
/** Where a text is written as UTF-8 before it is deflated (a story of up to 85,000 characters). */
const scratch = Buffer.allocUnsafeSlow(256 * 1024);
/** zlib's output chunk: most stories deflate to less. */
const CHUNK_BYTES = 8 * 1024;

/** For `WorkspaceIndex.rememberOnly`: the texts of closed stories kept deflated. */
export const compactText = (text: string): CompactText | undefined => CompactText.of(text);

/**
 * A story text kept deflated (about a third of its UTF-8 bytes: 1.3 KB per article of the benchmark's
 * stories instead of 7 KB of two-byte string), for the documents of a workspace nobody has open. The
 * text is inflated again when read (about 0.1 ms a story); the last few read are kept as strings.
 */
export class CompactText implements CompactedText {
  private constructor(
    private readonly bytes: Uint8Array,
    readonly length: number,
  ) {}

  /** The text kept compact; undefined for a text with a lone surrogate, which UTF-8 cannot hold. */
  static of(text: string): CompactText | undefined {
    if (hasLoneSurrogate(text)) return undefined;
    // UTF-8 into one buffer kept for the purpose (a text too long for it gets one of its own), and the
    // output copied to its own length: zlib hands back a view of a larger chunk, which would be kept
    // whole. Fewer transient buffers of a few kilobytes, which the allocator keeps.
    const utf8 = text.length * 3 <= scratch.length ? scratch.subarray(0, scratch.write(text, 0, 'utf8')) : Buffer.from(text, 'utf8');
    const deflated = deflateRawSync(utf8, { level: 3, chunkSize: CHUNK_BYTES });
    return new CompactText(Uint8Array.prototype.slice.call(deflated), text.length);
  }

  /** How many bytes it keeps. */
  get size(): number {
    return this.bytes.length;
  }

  get text(): string {
    let text = recent.get(this);
    if (text !== undefined) {
      recent.delete(this);
    } else {
      text = inflateRawSync(this.bytes).toString('utf8');
      if (recent.size >= RECENT_TEXTS) recent.delete(recent.keys().next().value!);
    }
    recent.set(this, text);
    return text;
  }
}
