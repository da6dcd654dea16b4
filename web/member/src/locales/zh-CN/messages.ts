export const messages = {
  messages: { title: '消息', none: '暂无消息' },
};
