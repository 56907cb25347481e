import useAntdMessage from "antd/es/message/useMessage";
import type { ReactNode } from "react";

import { MessageContext } from "../hooks/MessageContext";

export type MessageProviderProps = {
  children: ReactNode;
};

// In place of Ant Design's <App>, which also sets up modal and notification hooks that
// no page uses and adds about 12 KB gzip to the JavaScript every page loads first.
/** Provide Ant Design's message API, themed by the surrounding ConfigProvider, to useMessage(). */
export function MessageProvider({ children }: MessageProviderProps) {
  const [message, contextHolder] = useAntdMessage();
  return (
    <MessageContext.Provider value={message}>
      {contextHolder}
      {children}
    </MessageContext.Provider>
  );
}
