# Scrapy settings for newsclean. Every project knob is prefixed NEWSCLEAN_, grouped, with its default
# and meaning beside it; override any of them with `-s NAME=VALUE` or in a settings module of your own.

BOT_NAME = "newsclean"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
COMMANDS_MODULE = "crawler.commands"

# --- Politeness -------------------------------------------------------------------------------
# Who we are: sites block anonymous bots; say what this is and where to reach its operator.
NEWSCLEAN_CONTACT_URL = "https://github.com/newsclean/newsclean"  # shown in USER_AGENT
USER_AGENT = f"newsclean/0.1 (news article crawler; +{NEWSCLEAN_CONTACT_URL})"
ROBOTSTXT_OBEY = True
ROBOTSTXT_PARSER = "crawler.robots.CappedRobotParser"  # reads an oversized robots.txt up to the cap
NEWSCLEAN_ROBOTS_MAX_BYTES = 500 * 1024  # robots.txt bytes read (RFC 9309 asks for at least 500 KiB)
CONCURRENT_REQUESTS = 16
CONCURRENT_ITEMS = 16  # outputs handled at once per response (Scrapy starts a task for each slot)
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5  # seconds between requests to one site (AutoThrottle adapts from here)
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# --- Discovery (-a sitemap/feed/home/sites) ----------------------------------------------------
NEWSCLEAN_MAX_PAGES_PER_SITE = 500  # article pages per site per run (a site's max_pages overrides it)
NEWSCLEAN_SECTION_PAGES = 10  # section pages followed from a home page
NEWSCLEAN_XML_MAX_BYTES = 20 * 1024 * 1024  # largest sitemap/feed parsed (after gunzip), bytes
NEWSCLEAN_SITEMAP_MAX_URLS = 50_000  # URLs taken from one sitemap (the protocol's own limit)
NEWSCLEAN_CRAWL_DELAY_MAX = 10.0  # robots.txt Crawl-delay is honoured up to this many seconds
NEWSCLEAN_ROBOTS_MAX_SITEMAPS = 50  # Sitemap: lines taken from one robots.txt

# --- Limits and retries -----------------------------------------------------------------------
DOWNLOAD_TIMEOUT = 30  # seconds
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024  # bytes; news pages are far below, bombs are not
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
REDIRECT_MAX_TIMES = 10
DNSCACHE_ENABLED = True  # also pins each name to the address the guard checked

# --- Output -----------------------------------------------------------------------------------
# Without -o/-O the spider writes NEWSCLEAN_OUTPUT_DIR/<spider>/<YYYY-MM-DD>/<run-id>.jsonl.
NEWSCLEAN_OUTPUT_DIR = "output"  # relative paths are taken from the project root
FEED_EXPORT_ENCODING = "utf-8"
FEED_STORAGES = {
    "": "crawler.feeds.AtomicFileFeedStorage",
    "file": "crawler.feeds.AtomicFileFeedStorage",
}
FEED_URI_PARAMS = "crawler.feeds.feed_uri_params"

# --- Extraction and cleaning ------------------------------------------------------------------
NEWSCLEAN_EXTRACT_WORKERS = 0  # worker processes for trafilatura + cleaners; 0 = one per CPU
NEWSCLEAN_EXTRACT_PAGES_PER_WORKER = 2000  # then the workers are replaced, keeping memory flat; 0 = never
NEWSCLEAN_EXTRACT_TIMEOUT = 120  # seconds a page may take in the pool, else its workers are killed; 0 = no limit
# glibc malloc, in the crawl process and its workers: blocks from this size up are mmapped (returned
# to the system when freed), and up to this much free heap top is kept; 0 = glibc's default.
NEWSCLEAN_MALLOC_MMAP_THRESHOLD = 256 * 1024
NEWSCLEAN_MALLOC_TRIM_THRESHOLD = 8 * 1024 * 1024
NEWSCLEAN_INCLUDE_REMOVALS = False  # add `boilerplate_removed` (rule, reason, text) to each item
NEWSCLEAN_MAX_REMOVED_SHARE = 0.5  # rules may remove at most this share of a page, else keep all
NEWSCLEAN_MIN_BODY_CHARS = 200  # a shorter cleaned body is not an article
NEWSCLEAN_MAX_ELEMENTS = 50_000  # a page with more HTML elements is not cleaned (too_large); 0 = no limit
NEWSCLEAN_DISABLED_RULES = []  # rule ids to skip, e.g. ["newsletter"]
NEWSCLEAN_SITES_DIR = None  # folder of per-site rule files; None = the bundled cleaners/sites

ITEM_PIPELINES = {
    "crawler.pipelines.ExtractCleanPipeline": 300,
    "crawler.pipelines.ArticleFilterPipeline": 400,
    "crawler.pipelines.SeenPipeline": 500,
}

# --- Cron runs: seen store, near-duplicates, lock ---------------------------------------------
NEWSCLEAN_SEEN_ENABLED = True  # remember written articles; later runs skip their URLs
NEWSCLEAN_SEEN_PATH = "output/seen.sqlite3"  # SQLite file (relative to the project root)
NEWSCLEAN_NEAR_DUPLICATES = "flag"  # flag (set duplicate_of), drop, or off
NEWSCLEAN_NEAR_DUPLICATE_DISTANCE = 6  # SimHash bits (0-7) within which two texts are near-duplicates
NEWSCLEAN_NEAR_DUPLICATE_DAYS = 30  # compare with articles first written this many days back; 0 = all
NEWSCLEAN_LOCK_PATH = None  # lock file against overlapping runs; None = <NEWSCLEAN_SEEN_PATH>.lock

# --- Site learning: blocks a site repeats across its articles are its boilerplate --------------
NEWSCLEAN_LEARN_ENABLED = True
NEWSCLEAN_LEARN_MIN_ARTICLES = 5  # a block in this many distinct articles of a site is learned (K)
NEWSCLEAN_LEARN_MAX_SHARE = 0.3  # learned blocks may remove at most this share of a page, else kept
NEWSCLEAN_LEARN_MAX_BLOCKS = 2000  # fingerprints kept per site (the most frequent, most recent)
NEWSCLEAN_LEARN_MAX_AGE_DAYS = 90  # not-yet-learned blocks unseen this long are forgotten
NEWSCLEAN_LEARN_PATH = None  # SQLite file; None = the seen store's

# --- Distributed mode: several workers share one crawl through Redis (scrapy-redis) -------------
# Set NEWSCLEAN_REDIS_URL to switch it on; seed a round with `scrapy seed news -a …`, then start
# workers with `scrapy crawl news` (no -a), each with its own NEWSCLEAN_WORKER_ID. See the README.
NEWSCLEAN_REDIS_URL = None  # e.g. "redis://127.0.0.1:6379/0"
NEWSCLEAN_REDIS_PREFIX = "newsclean"  # keys are <prefix>:<spider>:…; one prefix per independent crawl
NEWSCLEAN_WORKER_ID = None  # unique among the workers (letters, digits . _ -); None = the host name
NEWSCLEAN_WORKER_TTL = 30.0  # seconds without a heartbeat before a worker counts as dead (>= 3)
NEWSCLEAN_IDLE_CLOSE = 10.0  # seconds the whole crawl must be out of work before a worker stops

# --- Address guard ----------------------------------------------------------------------------
# Refuse private, loopback, link-local and other non-public addresses (also after redirects and
# for names that resolve there), except hosts named in -a urls/-a sitemap or listed here.
NEWSCLEAN_GUARD_ENABLED = True
NEWSCLEAN_GUARD_ALLOW_HOSTS = []  # e.g. ["intranet.example", "10.0.0.5"]

DOWNLOADER_MIDDLEWARES = {
    # Before robots.txt (100) so not even robots.txt is fetched from a refused host.
    "crawler.middlewares.AddressGuardMiddleware": 50,
    # Scrapy's, fixed: it let through all but the first request waiting for a site's robots.txt.
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.robots.SharedRobotsTxtMiddleware": 100,
    # Crawl-delay and per-site settings from the site list, kept as a floor under AutoThrottle.
    "crawler.middlewares.SlotPolicyMiddleware": 60,
    # Scrapy's own, replaced by subclasses that count and explain what they refuse.
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.RetryAfterMiddleware": 550,
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "crawler.middlewares.CountingHttpCompressionMiddleware": 590,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "crawler.middlewares.GuardedRedirectMiddleware": 600,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "crawler.middlewares.GuardedMetaRefreshMiddleware": 580,
}
NEWSCLEAN_RETRY_AFTER_MAX = 60.0  # seconds a 429/503 Retry-After may ask before the retry; longer: give up

# --- Operations -------------------------------------------------------------------------------
NEWSCLEAN_HEALTH_ENABLED = True  # warn about sites whose pages suddenly come back without a body
NEWSCLEAN_HEALTH_MIN_PAGES = 5  # ... once a site has at least this many article pages in the run
NEWSCLEAN_HEALTH_EMPTY_RATE = 0.5  # ... and at least this share of them had no body
NEWSCLEAN_STATS_FILE = None  # path: write the final crawl stats there as JSON
NEWSCLEAN_PROGRESS = "auto"  # live progress line on stderr: auto (only on a terminal), True, False
EXTENSIONS = {
    # Signal handlers run in this order at the end: health, then the summary, then the stats file.
    "crawler.robots.RobotsTxtSizeCap": 100,
    "crawler.extensions.SiteHealth": 400,
    "crawler.learning.SiteLearning": 420,
    "crawler.extensions.RunSummary": 450,
    "crawler.extensions.StatsFile": 500,
    "crawler.extensions.Progress": 600,
}
LOGSTATS_INTERVAL = 60.0
# Unattended crawls need no open control ports.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
LOG_LEVEL = "INFO"
