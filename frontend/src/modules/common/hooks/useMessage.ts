import type { MessageInstance } from "antd/es/message/interface";
import { useContext } from "react";

import { MessageContext } from "./MessageContext";

/** Return Ant Design's message API (short notices at the top of the page) from MessageProvider. */
export function useMessage(): MessageInstance {
  const message = useContext(MessageContext);
  if (!message) {
    throw new Error("useMessage() needs a <MessageProvider> above it.");
  }
  return message;
}
