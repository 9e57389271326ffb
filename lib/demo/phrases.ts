/** Message texts for generated exports, picked by message id so they cost nothing to store. */
const phrases = [
  '今天的手冲太好喝了！',
  '请问新品什么时候上架？',
  '周末门店有活动吗？',
  '埃塞俄比亚的豆子果香很明显',
  '收到货了，包装很用心 👍',
  '有没有推荐的磨豆机？',
  '冷萃和冰美式有什么区别？',
  '打卡！第30天 ☕',
  '这次的拉花教程很实用',
  '会员积分怎么兑换？',
  'Morning everyone ☀️',
  'Just tried the new Yirgacheffe, amazing',
  'Any tips for a better pour-over?',
  'When is the next tasting event?',
  'My order arrived today, thanks!',
  'Which grinder do you all use?',
  'Cold brew season is here',
  'Love this community ❤️',
  'Is the subscription box worth it?',
  'Great post, thanks for sharing',
];

export function phraseFor(messageId: number): string {
  return phrases[(Math.imul(messageId, 0x9e3779b1) >>> 0) % phrases.length]!;
}
