import { QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "react-router-dom";

import { UiLanguageProvider } from "@/modules/layout/components/UiLanguageProvider";

import { queryClient } from "./queryClient";
import { router } from "./router";

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <UiLanguageProvider>
        <RouterProvider router={router} />
      </UiLanguageProvider>
    </QueryClientProvider>
  );
}
