import dayjs from "dayjs";

import { formDrafts } from "./formDrafts";

describe("formDrafts", () => {
  afterEach(() => {
    window.sessionStorage.clear();
  });

  it("should keep text and dates", () => {
    const key = formDrafts.key("u1", "/cases/c1", "quick-note");
    const due = dayjs("2030-01-15T10:00:00+09:00");

    formDrafts.write(key, { body: "紹介状を受領", due_at: due, phones: [{ number: "090-1234-3946" }] });
    const draft = formDrafts.read(key);

    expect(draft?.body).toBe("紹介状を受領");
    expect(dayjs.isDayjs(draft?.due_at)).toBe(true);
    expect((draft?.due_at as dayjs.Dayjs).valueOf()).toBe(due.valueOf());
    expect(draft?.phones).toEqual([{ number: "090-1234-3946" }]);
  });

  it("should separate users, pages and forms", () => {
    expect(formDrafts.key("u1", "/cases/c1", "quick-note")).not.toBe(formDrafts.key("u2", "/cases/c1", "quick-note"));
    expect(formDrafts.key("u1", "/cases/c1", "quick-note")).not.toBe(formDrafts.key("u1", "/cases/c2", "quick-note"));
    expect(formDrafts.key("u1", "/cases/c1", "quick-note")).not.toBe(formDrafts.key("u1", "/cases/c1", "task-create"));
  });

  it("should drop a draft it cannot read", () => {
    const key = formDrafts.key("u1", "/patients/new", "patient");
    window.sessionStorage.setItem(key, "{not json");

    expect(formDrafts.read(key)).toBeNull();
    expect(window.sessionStorage.getItem(key)).toBeNull();
  });

  it("should remove other users' drafts only", () => {
    const mine = formDrafts.key("u1", "/cases/c1", "quick-note");
    const theirs = formDrafts.key("u2", "/cases/c1", "quick-note");
    formDrafts.write(mine, { body: "a" });
    formDrafts.write(theirs, { body: "b" });
    window.sessionStorage.setItem("other-app", "kept");

    formDrafts.removeAllExcept("u1");

    expect(formDrafts.read(mine)).toEqual({ body: "a" });
    expect(formDrafts.read(theirs)).toBeNull();
    expect(window.sessionStorage.getItem("other-app")).toBe("kept");
  });

  it("should remove every draft at logout", () => {
    const mine = formDrafts.key("u1", "/cases/c1", "quick-note");
    formDrafts.write(mine, { body: "a" });

    formDrafts.removeAllExcept(null);

    expect(formDrafts.read(mine)).toBeNull();
  });
});
