import { createReadStream } from 'node:fs';
import { getManyValues, isMany, none } from 'stream-chain/defs.js';
import { jsonParser } from 'stream-json/parser.js';
import Assembler from 'stream-json/assembler.js';
import { ExportFormatError } from './errors';
import { DepthGuard } from './json-depth';

// Reads a Telegram Desktop JSON export as a stream: one chat's fields, then its messages
// one at a time, so memory holds one message however large the file. Two shapes:
// a single-chat export (`{name, type, id, messages}`) and the full-account export
// (`chats.list[]` and `left_chats.list[]`, each such a chat).

export interface ChatInfo {
  /** Where the chat sits in the file, e.g. `chats.list[1]`, for messages and reports. */
  path: string;
  name: string | null;
  type: string | null;
  id: number | null;
  /** Listed under left_chats: the exporting account had left it. */
  left: boolean;
}

export type ExportItem =
  | { kind: 'message'; chat: ChatInfo; index: number; path: string; value: unknown }
  | { kind: 'chat_end'; chat: ChatInfo; messages: number };

type Frame = { array: boolean; key: string | null; index: number; path: (string | number)[] };

const isChatPath = (path: (string | number)[]) =>
  path.length === 0 ||
  (path.length === 3 &&
    (path[0] === 'chats' || path[0] === 'left_chats') &&
    path[1] === 'list' &&
    typeof path[2] === 'number');

const pathText = (path: (string | number)[]) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');

const notMessages = (name: string, path: (string | number)[]) =>
  new ExportFormatError(`${name}: ${pathText(path)} is not a list of messages`);

interface Token {
  name: string;
  value?: unknown;
}

/**
 * The chats of an export and their messages, in file order. Errors name the file as `name`
 * (what the person sent, not where the server keeps it).
 */
export async function* readExport(file: string, name = file): AsyncGenerator<ExportItem> {
  try {
    yield* walk(file, name);
  } catch (error) {
    if (error instanceof ExportFormatError) throw error;
    const { code, message } = error as NodeJS.ErrnoException;
    throw new ExportFormatError(
      code === 'ENOENT'
        ? `${name}: no such file`
        : code
          ? `${name}: could not be read (${code})`
          : `${name}: not valid JSON (${message})`,
    );
  }
}

/** The tokenizer, called on each chunk of text: tokens come back in bulk, synchronously. */
function tokenizer(): (text: string | typeof none) => Token[] {
  const parse = jsonParser({ packValues: true, streamValues: false });
  return (text) => {
    // The parser takes text, and `none` to finish; its typing only admits the text.
    const result: unknown = (parse as (input: unknown) => unknown)(text);
    return isMany(result) ? (getManyValues(result) as Token[]) : [];
  };
}

async function* walk(file: string, name: string): AsyncGenerator<ExportItem> {
  const tokenize = tokenizer();
  const depth = new DepthGuard(name);
  const chunks = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 });
  async function* tokens(): AsyncGenerator<Token[]> {
    for await (const chunk of chunks as AsyncIterable<string>) {
      depth.scan(chunk);
      yield tokenize(chunk);
    }
    yield tokenize(none);
  }

  const stack: Frame[] = [];
  // The chat being read, and the stack height of its object.
  let chat: { info: ChatInfo; depth: number; messages: number } | null = null;
  let message: { asm: Assembler; depth: number; index: number; path: string } | null = null;
  let chatsWithMessages = 0;

  for await (const batch of tokens())
    for (const token of batch) {
      if (message) {
        message.asm.consume(token as never);
        if (token.name === 'startObject' || token.name === 'startArray') message.depth++;
        else if (token.name === 'endObject' || token.name === 'endArray') message.depth--;
        if (message.depth > 0) continue;
        yield { kind: 'message', chat: chat!.info, ...message, value: message.asm.current };
        chat!.messages++;
        stack.at(-1)!.index++;
        message = null;
        continue;
      }
      const top = stack.at(-1);
      const inChat = chat !== null && stack.length === chat.depth;
      const inMessages =
        chat !== null &&
        stack.length === chat.depth + 1 &&
        top!.key === null &&
        top!.path.at(-1) === 'messages';
      if (token.name === 'keyValue') {
        top!.key = token.value as string;
      } else if (token.name === 'startObject' || token.name === 'startArray') {
        const path = top ? [...top.path, top.array ? top.index : top.key!] : [];
        if (inMessages) {
          if (token.name !== 'startObject')
            throw new ExportFormatError(`${name}: ${pathText(path)} is not a message object`);
          const asm = new Assembler();
          asm.consume(token as never);
          message = { asm, depth: 1, index: top!.index, path: pathText(path) };
          continue;
        }
        stack.push({ array: token.name === 'startArray', key: null, index: 0, path });
        if (token.name === 'startObject' && isChatPath(path)) {
          const info = { path: pathText(path) || '(top level)', name: null, type: null, id: null };
          chat = {
            info: { ...info, left: path[0] === 'left_chats' },
            depth: stack.length,
            messages: 0,
          };
        } else if (inChat && top!.key === 'messages') {
          if (token.name !== 'startArray') throw notMessages(name, path);
          if (chat!.info.id === null || chat!.info.type === null)
            throw new ExportFormatError(
              `${name}: ${chat!.info.path} has messages before its "id" and "type"`,
            );
          chatsWithMessages++;
        }
      } else if (token.name === 'endObject' || token.name === 'endArray') {
        stack.pop();
        if (chat && stack.length === chat.depth - 1) {
          yield { kind: 'chat_end', chat: chat.info, messages: chat.messages };
          chat = null;
        }
        const parent = stack.at(-1);
        if (parent?.array) parent.index++;
      } else {
        // A scalar: a chat's own fields are kept; anything else outside messages is not ours.
        if (inMessages)
          throw new ExportFormatError(
            `${name}: ${pathText([...top!.path, top!.index])} is not a message object`,
          );
        if (inChat && top!.key === 'messages') throw notMessages(name, [...top!.path, 'messages']);
        if (inChat && top!.key === 'name' && typeof token.value === 'string')
          chat!.info.name = token.value;
        if (inChat && top!.key === 'type' && typeof token.value === 'string')
          chat!.info.type = token.value;
        if (inChat && top!.key === 'id' && token.name === 'numberValue')
          chat!.info.id = Number(token.value);
        if (top?.array) top.index++;
      }
    }
  if (chatsWithMessages === 0)
    throw new ExportFormatError(
      `${name}: not a Telegram Desktop export: expected a chat ({name, type, id, messages}) or chats.list`,
    );
}
