import { describe, expect, it } from 'vitest';
import { cappedMessageText, messageTextMax } from './message-text';

describe('cappedMessageText', () => {
  it('keeps text within the cap as it is, and makes empty text none', () => {
    expect(cappedMessageText('hi 👋')).toBe('hi 👋');
    expect(cappedMessageText('写'.repeat(messageTextMax))).toBe('写'.repeat(messageTextMax));
    // 4,096 emoji are 8,192 UTF-16 units but 4,096 characters: within the cap.
    expect(cappedMessageText('😀'.repeat(messageTextMax))).toBe('😀'.repeat(messageTextMax));
    expect(cappedMessageText('')).toBeNull();
    expect(cappedMessageText(null)).toBeNull();
  });

  it('cuts at 4,096 characters, never between the halves of one', () => {
    expect(cappedMessageText('x'.repeat(5000))).toBe('x'.repeat(4096));
    expect(cappedMessageText(`${'x'.repeat(4095)}😀😀`)).toBe(`${'x'.repeat(4095)}😀`);
    expect(cappedMessageText(`${'x'.repeat(4096)}😀`)).toBe('x'.repeat(4096));
    expect(cappedMessageText('😀'.repeat(5000))).toBe('😀'.repeat(4096));
  });
});
