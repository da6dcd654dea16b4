import type { messages as zhCN } from '../zh-CN/messages.js';

export const messages: typeof zhCN = {
  messages: { title: 'Messages', none: 'No messages' },
};
