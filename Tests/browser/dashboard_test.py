"""Drives the dashboard in headless Chromium (Debian's chromium + chromium-driver, via selenium):
loads it, checks the map shows markers and the timeline is drawn, applies a filter through the form
(and checks the URL keeps it), opens an event by clicking its marker and checks the panel shows the
article text with highlighted evidence, and that a link to an unknown event says so. Saves a
screenshot at each step.

usage: dashboard_test.py BASE_URL SCREENSHOT_DIR
"""
import sys
import time
import urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

base, shots = sys.argv[1].rstrip("/"), sys.argv[2]
failures = []
passed = 0


def check(name, ok, detail=""):
    global passed
    if ok:
        passed += 1
        print(f"ok    {name}")
    else:
        failures.append(name)
        print(f"FAIL  {name} {detail}")


options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for a in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,950"]:
    options.add_argument(a)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
wait = WebDriverWait(driver, 20)


def status():
    return driver.execute_script("return window.sitrep || null")


def settled(_):
    s = status()
    return s is not None and s["loading"] == 0 and s["mode"] is not None


try:
    driver.get(base + "/")
    wait.until(settled)
    time.sleep(0.5)
    wait.until(settled)
    s = status()
    markers = driver.find_elements(By.CSS_SELECTOR, "path.event-marker")
    check("map shows event markers", len(markers) >= 3, f"{len(markers)} markers, status {s}")
    check("map has the country-outline basemap", len(driver.find_elements(By.CSS_SELECTOR, ".leaflet-overlay-pane path")) > len(markers))
    check("timeline has weeks", (s.get("weeks") or 0) >= 1, str(s))
    check("timeline canvas is drawn", driver.execute_script(
        "const c=document.getElementById('timeline');return c.width>0 && c.toDataURL().length>5000"))
    check("page loaded without errors", not s["errors"], str(s["errors"]))
    driver.save_screenshot(f"{shots}/1-map.png")

    # Filter: country Syria, through the form.
    country = driver.find_element(By.NAME, "country")
    country.clear()
    country.send_keys("Syria")
    driver.find_element(By.CSS_SELECTOR, "#filters button[type=submit]").click()
    wait.until(lambda d: "country=Syria" in d.current_url)
    wait.until(settled)
    time.sleep(0.5)
    wait.until(settled)
    q = urllib.parse.parse_qs(urllib.parse.urlparse(driver.current_url).query)
    check("filter is kept in the URL", q.get("country") == ["Syria"], driver.current_url)
    s = status()
    check("filtered map shows only the filter's events", 1 <= s["points"] < len(markers), str(s))
    dl = driver.find_element(By.ID, "dl-csv").get_attribute("href")
    check("CSV download follows the filter", "country=Syria" in dl and "format=csv" in dl, dl)
    driver.save_screenshot(f"{shots}/2-filtered.png")

    # Open an event: click the largest marker of the view.
    markers = driver.find_elements(By.CSS_SELECTOR, "path.event-marker")
    target = max(markers, key=lambda m: m.size["width"])
    driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", target)
    wait.until(lambda d: (status() or {}).get("event") is not None and status()["loading"] == 0)
    s = status()
    panel = driver.find_element(By.ID, "panel")
    marks = panel.find_elements(By.CSS_SELECTOR, "mark.evidence")
    check("event panel shows highlighted evidence", len(marks) >= 2, f"{len(marks)} marks")
    fields = " ".join(m.get_attribute("data-fields") for m in marks)
    check("evidence covers the date and the place", "event_date" in fields and "location" in fields, fields)
    text = panel.text
    for label in ["Fatalities", "Reports range", "Precision", "Actor 1", "Sources"]:
        check(f"panel shows {label}", label in text)
    check("panel shows the notes", len(panel.find_element(By.CSS_SELECTOR, ".notes").text) > 20)
    check("opened event is in the URL", "event=" + s["event"] in driver.current_url, driver.current_url)
    driver.execute_script("document.querySelector('mark.evidence').scrollIntoView({block: 'center'})")
    driver.save_screenshot(f"{shots}/3-event-panel.png")

    # The shared URL restores the view: filter, map and the open event.
    driver.get(driver.current_url)
    wait.until(lambda d: (status() or {}).get("event") is not None and status()["loading"] == 0)
    check("a shared URL reopens the filter and the event",
          driver.find_element(By.NAME, "country").get_attribute("value") == "Syria"
          and len(driver.find_elements(By.CSS_SELECTOR, "#panel mark.evidence")) >= 2)

    # A stale link: an unknown event id says so instead of "Loading…" for ever.
    driver.get(base + "/?event=SITNOSUCHEVENT")
    wait.until(lambda d: (status() or {}).get("event") == "SITNOSUCHEVENT" and status()["loading"] == 0)
    panel = driver.find_element(By.ID, "panel").text
    check("an unknown event id shows 'No such event'", "No such event" in panel and "SITNOSUCHEVENT" in panel, panel)
    driver.save_screenshot(f"{shots}/4-unknown-event.png")
finally:
    driver.quit()

print(f"{passed} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
